import idna
print(idna.encode("ドメイン.テスト"), idna.decode("xn--eckwd4c7c.xn--zckzah"))
print(idna.encode("Königsgäßchen.de", uts46=True), idna.decode(b"xn--knigsgchen-b4a3dun.de"))
print(idna.alabel("ü"), idna.ulabel(b"xn--tda"))
for bad in ["a..b", "-abc.com", "☃-⌘.com", "x" * 64 + ".com"]:
    try:
        idna.encode(bad)
        print("ok", bad)
    except idna.IDNAError as e:
        print(type(e).__name__, e)
print("ドメイン.テスト".encode("idna"), b"xn--eckwd4c7c.xn--zckzah".decode("idna"))
