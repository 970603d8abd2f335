using MimeKit;

namespace Tidegate.Server.Infrastructure.Mail;

/// <summary>
/// Development without a mail server: each message becomes an .eml file to open in any mail program.
/// Written to a temporary file in the same folder, flushed, then renamed, so a reader (or a crash)
/// never sees half a message under an .eml name.
/// </summary>
public sealed class PickupDirectoryMailSender(string directory) : IMailSender
{
    public string Directory { get; } = directory;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = Guid.CreateVersion7().ToString("N");
        var temporary = Path.Combine(Directory, $".{name}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await message.WriteToAsync(file, ct);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, Path.Combine(Directory, $"{name}.eml"));
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
