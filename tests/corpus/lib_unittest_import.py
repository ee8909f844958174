import unittest

class T(unittest.TestCase):
    def test_ok(self):
        self.assertEqual(1 + 1, 2)

suite = unittest.TestLoader().loadTestsFromTestCase(T)
result = unittest.TextTestRunner(stream=__import__('io').StringIO()).run(suite)
print(result.testsRun, result.wasSuccessful())
