"""A stand-in for GOV.UK Notify's HTTP API on 127.0.0.1: the tests stop at the HTTP boundary,
so the real client library builds, signs and sends the real request."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

SERVICE_ID = "11111111-2222-3333-4444-555555555555"
SECRET = "66666666-7777-8888-9999-000000000000"
API_KEY = f"test_key-{SERVICE_ID}-{SECRET}"


class FakeNotify:
    def __init__(self, fail: bool = False):
        self.requests: list[dict] = []
        self.fail = fail
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                fake.requests.append(
                    {
                        "path": self.path,
                        "authorization": self.headers.get("Authorization", ""),
                        "json": json.loads(self.rfile.read(length)),
                    }
                )
                status = 500 if fake.fail else 201
                body = (
                    {"id": "abc", "content": {"body": "sent"}}
                    if status == 201
                    else {
                        "errors": [{"error": "Exception", "message": "Internal server error"}],
                        "status_code": 500,
                    }
                )
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
