# Float arithmetic: a small n-body style integration.
def simulate(steps):
    xs = [0.0, 1.0, -1.0, 0.5]
    vs = [0.0, 0.1, -0.1, 0.05]
    ms = [10.0, 1.0, 1.0, 0.5]
    dt = 0.001
    n = len(xs)
    for _ in range(steps):
        for i in range(n):
            f = 0.0
            xi = xs[i]
            for j in range(n):
                if i != j:
                    d = xs[j] - xi
                    f += ms[j] * d / (abs(d) ** 3 + 0.01)
            vs[i] += f * dt
        for i in range(n):
            xs[i] += vs[i] * dt
    return xs
print([round(x, 6) for x in simulate(40_000)])
