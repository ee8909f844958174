# topic: uncaught KeyboardInterrupt: traceback, and CPython exits by re-raising SIGINT (status -2)
print("about to interrupt")
raise KeyboardInterrupt
