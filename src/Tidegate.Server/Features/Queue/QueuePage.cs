using System.Net;
using System.Security.Cryptography;

namespace Tidegate.Server.Features.Queue;

/// <summary>
/// GET /queue/{date}: the waiting room page. Joins once (ticket kept in sessionStorage), polls the
/// status every second or two, shows the place in line and the live wait estimate, and on admission
/// sends the visitor to the booking page with the admission token in the fragment (never logged).
/// </summary>
public static class QueuePage
{
    public static IResult Handle(string date, HttpResponse response)
    {
        if (JoinQueue.ParseDate(date) is null) return TypedResults.NotFound();
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        response.Headers.ContentSecurityPolicy = $"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; connect-src 'self'";
        response.Headers.CacheControl = "no-store";
        var d = WebUtility.HtmlEncode(date);
        return TypedResults.Content($$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Waiting room · {{d}}</title>
            <style nonce="{{nonce}}">body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
            #place{font-size:3rem;font-weight:700}</style></head>
            <body><h1>Waiting room for {{d}}</h1>
            <p>Bookings for this date are busy. You keep your place as long as this page is open.</p>
            <p>Your place in line: <span id="place" role="status" aria-live="polite">…</span></p>
            <p id="wait"></p>
            <script nonce="{{nonce}}">
            const date = "{{d}}", key = "tidegate-queue-" + date, base = "/api/v1/queue/" + date;
            const place = document.getElementById("place"), wait = document.getElementById("wait");
            async function ticket() {
              let t = sessionStorage.getItem(key);
              if (t) return t;
              const r = await fetch(base, { method: "POST" });
              if (!r.ok) throw new Error("busy");
              t = (await r.json()).queueTicket; sessionStorage.setItem(key, t); return t;
            }
            async function poll() {
              try {
                const r = await fetch(base + "/status", { headers: { "X-Queue-Ticket": await ticket() } });
                const s = await r.json();
                if (s.admitted) { place.textContent = "your turn"; document.cookie = "tg-admission=" + encodeURIComponent(s.admissionToken) + "; path=/; max-age=900; samesite=lax"; location.href = "/day/" + date; return; }
                if (s.expired) { sessionStorage.removeItem(key); place.textContent = "expired, rejoining…"; }
                else if (s.soldOut) { place.textContent = "sold out"; wait.textContent = "Every place of this date is taken."; return; }
                else {
                  if (s.queueTicket) sessionStorage.setItem(key, s.queueTicket);
                  place.textContent = s.position ?? "drawn at 00:00";
                  wait.textContent = "Estimated wait: about " + s.estimatedWaitSeconds + " s";
                }
              } catch { wait.textContent = "Reconnecting…"; }
              setTimeout(poll, 1000 + Math.random() * 1000);
            }
            poll();
            </script></body></html>
            """, "text/html; charset=utf-8");
    }
}
