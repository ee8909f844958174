# topic: raise SystemExit(3): no traceback, exit status 3, stdout flushed
print("before exit")
raise SystemExit(3)
