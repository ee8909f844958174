# topic: uncaught exception with non-ASCII message and non-ASCII source line
def façade(ключ):
    raise ValueError(f"clé invalide: {ключ} ☃")
façade("日本")
