using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidegate.Server.Features.Site.Legal;

namespace Tidegate.Server.Features.Site.Pages;

/// <summary>The terms of use, cancellation policy, privacy notice and 特定商取引法に基づく表記, in the visitor's language, from <see cref="LegalOptions"/>.</summary>
public sealed class LegalModel(LegalOptions legal, Format format) : PageModel
{
    public static readonly string[] Documents = ["terms", "cancellation", "privacy", "tokushoho"];

    public string Doc { get; private set; } = "";
    public LegalText Text { get; private set; } = null!;
    public LegalOptions Options => legal;

    public IActionResult OnGet(string doc)
    {
        if (!Documents.Contains(doc)) return NotFound();
        Doc = doc;
        Text = legal.For(format.Language);
        Response.Headers.CacheControl = "public, max-age=300";
        return Page();
    }

    /// <summary>Blank-line separated paragraphs; "■ " starts a heading.</summary>
    public static IEnumerable<(bool Heading, string Text)> Blocks(string text) =>
        text.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
            .Select(l => l.StartsWith("■ ", StringComparison.Ordinal) ? (true, l[2..]) : (false, l));
}
