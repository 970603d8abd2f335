using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Tidegate.Browser.Tests.Support;

/// <summary>
/// Accessibility checks on the page as it stands: axe-core (Deque.AxeCore.Playwright) with the WCAG
/// 2.0/2.1/2.2 A and AA rules, tap targets of at least 44×44 CSS px (WCAG 2.5.5), and a focus ring
/// of at least 3:1 against what surrounds it. axe is injected through Playwright's evaluate (the
/// DevTools protocol), which the site's strict CSP does not govern, so the app's CSP stays as it is.
/// </summary>
public static class Accessible
{
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>Fails listing every serious or critical axe violation: rule, impact, targets and what is wrong.</summary>
    public static async Task AssertAccessibleAsync(this IPage page, string name)
    {
        var violations = await page.AxeViolationsAsync();
        Assert.True(violations.Count == 0, $"{name} ({page.Url}) has {violations.Count} serious or critical accessibility violations:\n" + string.Join("\n", violations));
    }

    /// <summary>The serious and critical axe violations, one line per rule.</summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(this IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
            ResultTypes = [ResultType.Violations],
        });
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"- {v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Select(n =>
                $"    {n.Target}: {string.Join(" ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message).Distinct())}")))
            .ToList();
    }

    /// <summary>
    /// Every visible link, button, submit, select and checkbox/radio label is at least 44×44 CSS px.
    /// Exempt: a link inside running text (an inline link whose paragraph says more than the link),
    /// as WCAG 2.5.5 allows; a checkbox or radio is measured by its label, which is its target too.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SmallTapTargetsAsync(this IPage page) =>
        await page.EvaluateAsync<string[]>("""
            () => {
              const out = [];
              const visible = el => {
                const s = getComputedStyle(el), r = el.getBoundingClientRect();
                return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0;
              };
              const inText = a => {
                if (getComputedStyle(a).display !== 'inline') return false;
                const block = a.parentElement.closest('p, li, dd, td, label, span, div') || a.parentElement;
                return block.textContent.replace(a.textContent, '').trim().length > 0;
              };
              const say = (el, r) => (el.id ? '#' + el.id : el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : ''))
                + ' "' + (el.textContent || el.value || '').trim().slice(0, 30) + '" ' + Math.round(r.width) + '×' + Math.round(r.height);
              for (const el of document.querySelectorAll('a[href], button, input[type=submit], input[type=button], select, input[type=checkbox], input[type=radio]')) {
                let target = el;
                if (el.type === 'checkbox' || el.type === 'radio') target = (el.labels && el.labels[0]) || el;
                if (!visible(target)) continue;
                if (el.tagName === 'A' && inText(el)) continue;
                const r = target.getBoundingClientRect();
                if (r.width < 44 - 0.5 || r.height < 44 - 0.5) out.push(say(target, r));
              }
              return out;
            }
            """);

    /// <summary>
    /// Tabs through the page and, for each element that takes the focus, checks that it shows an
    /// outline at least 2 px thick whose colour has at least 3:1 contrast against the background
    /// around the element (its nearest ancestor with a background colour).
    /// </summary>
    public static async Task<IReadOnlyList<string>> WeakFocusRingsAsync(this IPage page, int maxTabs = 80)
    {
        var weak = new List<string>();
        await page.EvaluateAsync("() => { document.activeElement && document.activeElement.blur(); window.__ringFirst = null; }");
        var outside = 0;
        for (var i = 0; i < maxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var found = await page.EvaluateAsync<string?>(FocusRing);
            if (found == "round") break; // came round to the first element again
            if (found is null) { if (++outside > 1) break; continue; } // out of the document once: it comes back at the top
            var parts = found.Split('|', 3);
            if (parts[1] != "ok") weak.Add($"{parts[0]}: {parts[2]}");
        }
        return weak;
    }

    private const string FocusRing = """
        () => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          if (el === window.__ringFirst) return 'round';
          window.__ringFirst = window.__ringFirst || el;
          const rgb = c => { const m = c.match(/[\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; };
          const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
          const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
          let bg = null;
          for (let p = el.parentElement; p; p = p.parentElement) { const c = rgb(getComputedStyle(p).backgroundColor); if (c.a > 0) { bg = c; break; } }
          bg = bg || { r: 255, g: 255, b: 255, a: 1 };
          const s = getComputedStyle(el);
          const name = (el.id ? '#' + el.id : el.tagName.toLowerCase()) + ' "' + (el.textContent || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30) + '"';
          const width = parseFloat(s.outlineWidth);
          if (s.outlineStyle === 'none' || width < 2) return name + '|weak|outline ' + s.outlineStyle + ' ' + s.outlineWidth;
          const r = ratio(rgb(s.outlineColor), bg);
          return name + '|' + (r >= 3 ? 'ok' : 'weak') + '|outline ' + s.outlineColor + ' on ' + `rgb(${bg.r}, ${bg.g}, ${bg.b})` + ' is ' + r.toFixed(2) + ':1';
        }
        """;
}
