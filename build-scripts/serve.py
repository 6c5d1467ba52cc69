#!/usr/bin/env python3
"""Serves a built site as a static host does: the right content types
(application/wasm among them) and compressed responses. A request whose
Accept-Encoding allows it gets the precompressed .br or .gz written next to the
file by build-scripts/compress.mjs, with Content-Encoding and Vary set.

    python3 build-scripts/serve.py PORT DIR     (PORT 0 picks a free one)
"""
import email.utils
import http.server
import os
import sys

TYPES = {
    ".wasm": "application/wasm",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".apw": "application/octet-stream",
    ".gz": "application/gzip",
    ".svg": "image/svg+xml",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    def guess_type(self, path):
        return TYPES.get(os.path.splitext(path)[1], super().guess_type(path))

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        accepted = [e.split(";")[0].strip() for e in self.headers.get("Accept-Encoding", "").split(",")]
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding in accepted and os.path.isfile(path + suffix) and os.path.isfile(path):
                if self.not_modified(path):
                    return None
                try:
                    f = open(path + suffix, "rb")
                except OSError:
                    break
                size = os.fstat(f.fileno()).st_size
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(size))
                self.send_header("Vary", "Accept-Encoding")
                self.send_header("Last-Modified", self.date_time_string(int(os.path.getmtime(path))))
                self.end_headers()
                return f
        return super().send_head()

    def not_modified(self, path):
        """Answers 304 to a revalidation of an unchanged file (as the plain path does)."""
        since = self.headers.get("If-Modified-Since")
        if not since or self.headers.get("If-None-Match"):
            return False
        try:
            when = email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        if int(os.path.getmtime(path)) > when:
            return False
        self.send_response(304)
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return True

    def log_message(self, fmt, *args):
        sys.stderr.write("%s - %s\n" % (self.address_string(), fmt % args))


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    directory = sys.argv[2] if len(sys.argv) > 2 else "build/site"
    handler = lambda *a, **k: Handler(*a, directory=directory, **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    print(f"Serving {directory} on port {server.server_address[1]} (http://127.0.0.1:{server.server_address[1]}/)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
