# A server thread blocked in accept/recv/select while the main thread is the
# client: blocking calls let other threads run (socketserver, selectors).
import socket, threading, socketserver, selectors, time
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen()
port = srv.getsockname()[1]
def serve():
    c, _ = srv.accept()
    data = c.recv(100)
    c.sendall(data.upper())
    c.close()
t = threading.Thread(target=serve); t.start()
cl = socket.create_connection(("127.0.0.1", port))
cl.sendall(b"hello")
print(cl.recv(100))
cl.close(); t.join(); srv.close()

class H(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(self.rfile.readline().upper())
s = socketserver.TCPServer(("127.0.0.1", 0), H)
th = threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.05}); th.start()
c = socket.create_connection(s.server_address)
c.sendall(b"abc\n"); print(c.makefile("rb").readline()); c.close()
s.shutdown(); s.server_close(); th.join()
print("done")

import queue
q = queue.SimpleQueue()
def later():
    time.sleep(0.01)
    q.put("from thread")
threading.Thread(target=later).start()
print(q.get(timeout=5), q.empty())
r, w = socket.socketpair()
def writer():
    time.sleep(0.01)
    w.send(b"x")
threading.Thread(target=writer).start()
sel = selectors.DefaultSelector()
sel.register(r, selectors.EVENT_READ)
print([key.fileobj is r for key, _ in sel.select(5)])
sel.close(); r.close(); w.close()

# os.read in a thread waits for the pipe without blocking the writer.
import os
r, w = os.pipe()
got = []
t = threading.Thread(target=lambda: got.append(os.read(r, 100)))
t.start()
time.sleep(0.01)
os.write(w, b"data")
t.join()
print(got)
os.set_blocking(r, False)
t = threading.Thread(target=time.sleep, args=(0.05,))
t.start()
try:
    os.read(r, 10)
except BlockingIOError as e:
    print("BlockingIOError", e.errno == 11)
t.join()
