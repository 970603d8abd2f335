"""aiosmtpd handler for the tests: each received message becomes one JSON file (envelope, subject, decoded MIME parts)."""
import base64
import email
import email.header
import email.utils
import json
import os
import time
from email import policy


class Capture:
    def __init__(self, directory):
        self.directory = directory

    @classmethod
    def from_cli(cls, parser, *args):
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        parts = []
        for part in message.walk():
            if part.is_multipart():
                continue
            payload = part.get_payload(decode=True) or b""
            entry = {"contentType": part.get_content_type(), "contentId": part.get("Content-ID")}
            if part.get_content_maintype() == "text":
                entry["text"] = payload.decode(part.get_content_charset() or "utf-8", "replace")
            else:
                entry["base64"] = base64.b64encode(payload).decode("ascii")
            parts.append(entry)
        record = {"from": envelope.mail_from, "to": envelope.rcpt_tos, "subject": str(message["subject"]), "parts": parts,
                  "headers": [[name, value] for name, value in message.raw_items()],
                  "toAddresses": [list(a) for a in email.utils.getaddresses(
                      [str(email.header.make_header(email.header.decode_header(value)))
                       for name, value in message.raw_items() if name.lower() == "to"])]}
        path = os.path.join(self.directory, "%d.json" % time.time_ns())
        with open(path + ".tmp", "w", encoding="utf-8") as out:
            json.dump(record, out)
        os.rename(path + ".tmp", path)
        return "250 Message accepted for delivery"
