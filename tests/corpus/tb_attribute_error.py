# topic: uncaught AttributeError with attribute markers and "Did you mean" suggestion
class Config:
    def __init__(self):
        self.timeout = 5
cfg = Config()
print(cfg.timeout)
print(cfg.timout)
