using MimeKit;
using Tidegate.Server.Infrastructure.Mail;

namespace Tidegate.Server.Tests.Tickets;

/// <summary>The development pickup folder only ever holds whole messages: written aside, then renamed.</summary>
public class PickupDirectoryTests
{
    [Fact]
    public async Task A_message_whose_writing_fails_leaves_no_file_behind_and_a_whole_one_appears_under_its_eml_name()
    {
        var directory = Path.Combine(Path.GetTempPath(), "tidegate-pickup", Guid.NewGuid().ToString("N"));
        var sender = new PickupDirectoryMailSender(directory);
        try
        {
            var broken = Message(new MimePart("application", "octet-stream") { Content = new MimeContent(new FailingStream()) });
            await Assert.ThrowsAsync<IOException>(() => sender.SendAsync(broken, CancellationToken.None));
            Assert.Empty(Directory.GetFiles(directory)); // neither a half-written .eml nor the temporary file

            await sender.SendAsync(Message(new TextPart("plain") { Text = "whole" }), CancellationToken.None);
            var file = Assert.Single(Directory.GetFiles(directory));
            Assert.EndsWith(".eml", file);
            using var read = await MimeMessage.LoadAsync(file);
            Assert.Equal("whole", read.TextBody?.Trim());
            Assert.Equal("guest@example.com", Assert.Single(read.To.Mailboxes).Address);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static MimeMessage Message(MimeEntity body)
    {
        var message = new MimeMessage { Subject = "test", Body = body };
        message.From.Add(new MailboxAddress("Tidegate", "tickets@example.com"));
        message.To.Add(new MailboxAddress("Guest", "guest@example.com"));
        return message;
    }

    /// <summary>Gives some bytes, then fails, as a disk that fills up halfway through a message would.</summary>
    private sealed class FailingStream : Stream
    {
        private int _reads;
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => 1 << 20;
        public override long Position { get; set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_reads++ > 0) throw new IOException("the disk is full");
            Array.Fill(buffer, (byte)'x', offset, Math.Min(count, 4096));
            return Math.Min(count, 4096);
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => Position = offset;
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
