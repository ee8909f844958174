# topic: uncaught AssertionError with a message and a subscript in the expression
data = {"ok": [1, 2]}
assert len(data["ok"]) == 2, "first check passes"
assert data["ok"][0] > 5, f"expected > 5, got {data['ok'][0]}"
