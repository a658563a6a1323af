"""inventory: stock levels per SKU, a plain WSGI app served by gunicorn."""
import json
import logging
import random

VERSION = "0.9.1"
log = logging.getLogger("gunicorn.error")  # gunicorn's own error logger, as apps under it often do
STOCK = {f"sku-{n}": random.Random(n).randint(0, 400) for n in range(50)}
log.info("inventory %s loaded %d SKUs", VERSION, len(STOCK))


def app(environ, start_response):
    path = environ.get("PATH_INFO", "")
    prefix = "/api/inventory/"
    sku = path[len(prefix):] if path.startswith(prefix) else None
    if sku is None or sku not in STOCK:
        start_response("404 Not Found", [("Content-Type", "application/json")])
        return [b'{"error":"unknown sku"}']
    body = json.dumps({"sku": sku, "available": STOCK[sku], "version": VERSION}).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
