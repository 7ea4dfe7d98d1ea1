#!/usr/bin/env python3
"""A local WeChat API stub for the benchmark (stdlib only), answering what the service's WechatChannel calls:

  GET  /cgi-bin/token?grant_type=client_credential&appid=..&secret=..  -> {"access_token": .., "expires_in": 7200}
  POST /cgi-bin/message/subscribe/send?access_token=..                 -> {"errcode": 0, "errmsg": "ok"}

It records every subscribe message it receives (openid and template) and tells what it got:

  GET  /count   -> {"messages": n, "openids": distinct openids, "duplicates": messages beyond the first per
                    (openid, template), "tokens": access tokens handed out, "bad_token": sends with a wrong token,
                    "first_at"/"last_at": epoch seconds of the first and last message}
  GET  /openids -> {"openid": count, ...}
  POST /reset   -> forgets everything received

    python3 bench/wechat_stub.py PORT    # listens on 127.0.0.1 only
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

TOKEN = "bench-access-token"
lock = threading.Lock()
state = {}


def reset():
    with lock:
        state.clear()
        state.update(per_key={}, messages=0, tokens=0, bad_token=0, first_at=None, last_at=None)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, body, status=200):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/cgi-bin/token":
            with lock:
                state["tokens"] += 1
            return self.answer({"access_token": TOKEN, "expires_in": 7200})
        if url.path == "/count":
            with lock:
                per_openid = {}
                for (openid, _), n in state["per_key"].items():
                    per_openid[openid] = per_openid.get(openid, 0) + n
                return self.answer({"messages": state["messages"], "openids": len(per_openid),
                                    "duplicates": sum(n - 1 for n in state["per_key"].values()),
                                    "tokens": state["tokens"], "bad_token": state["bad_token"],
                                    "first_at": state["first_at"], "last_at": state["last_at"]})
        if url.path == "/openids":
            with lock:
                per_openid = {}
                for (openid, _), n in state["per_key"].items():
                    per_openid[openid] = per_openid.get(openid, 0) + n
            return self.answer(per_openid)
        self.answer({"errcode": 404, "errmsg": "not found"}, 404)

    def do_POST(self):
        url = urlparse(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if url.path == "/reset":
            reset()
            return self.answer({"ok": True})
        if url.path == "/cgi-bin/message/subscribe/send":
            if parse_qs(url.query).get("access_token", [""])[0] != TOKEN:
                with lock:
                    state["bad_token"] += 1
                return self.answer({"errcode": 40001, "errmsg": "invalid credential"})
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                return self.answer({"errcode": 47001, "errmsg": "data format error"})
            openid, template = body.get("touser"), body.get("template_id")
            if not openid or not template:
                return self.answer({"errcode": 40003, "errmsg": "invalid openid or template"})
            now = time.time()
            with lock:
                key = (openid, template)
                state["per_key"][key] = state["per_key"].get(key, 0) + 1
                state["messages"] += 1
                state["first_at"] = state["first_at"] or now
                state["last_at"] = now
            return self.answer({"errcode": 0, "errmsg": "ok", "msgid": state["messages"]})
        self.answer({"errcode": 404, "errmsg": "not found"}, 404)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    reset()
    ThreadingHTTPServer.request_queue_size = 128
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 8095), Handler)
    server.daemon_threads = True
    server.serve_forever()
