# topic: uncaught user-defined exception with a custom __str__ and notes
class ValidationError(Exception):
    def __init__(self, field, problem):
        super().__init__(field, problem)
        self.field = field
        self.problem = problem
    def __str__(self):
        return f"{self.field}: {self.problem}"
def validate(record):
    if "age" not in record:
        err = ValidationError("age", "is required")
        err.add_note("while validating a record")
        err.add_note("record keys: " + ", ".join(sorted(record)))
        raise err
validate({"name": "x"})
