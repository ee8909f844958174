# topic: uncaught exception with explicit cause: "The above exception was the direct cause"
class ConfigError(Exception):
    pass
def load(d):
    try:
        return d["path"]
    except KeyError as e:
        raise ConfigError("missing path") from e
load({})
