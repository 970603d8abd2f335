using Tidegate.Domain.Staff;
using Tidegate.Server.Features.Audit;

namespace Tidegate.Server.Features.Staff;

/// <summary>
/// `staff create --email … --role admin [--name …] [--password-stdin]`: the first admin of a new
/// installation (or any account) without the API. Prints a one-time random password, or takes one
/// line from standard input; either way it is one-time: the person changes it at first sign-in. Exit 0 when created; otherwise one line saying why and exit 1 (2 for usage).
/// </summary>
public static class StaffCommand
{
    public static bool Is(string[] args) => args.Length >= 2 && args[0] == "staff";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        if (args[1] != "create" || Option(args, "--email") is not { } email || Option(args, "--role") is not { } role)
            return Usage("usage: staff create --email EMAIL --role admin|operator|analyst [--name NAME] [--password-stdin]");
        if (!StaffRole.IsValid(role)) return Usage($"staff create: --role must be one of {string.Join(", ", StaffRole.All)}");

        var fromStdin = args.Contains("--password-stdin");
        var password = fromStdin ? (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n') : OneTimePassword.New();
        var result = await services.GetRequiredService<CreateStaff>().ExecuteAsync(
            new CreateStaff.Request(email, Option(args, "--name"), role, password), AuditActor.System("staff create"), CancellationToken.None, oneTimePassword: true);
        if (!result.IsOk)
        {
            await Console.Error.WriteLineAsync($"staff create: {result.Error.Code}: {result.Error.Detail}");
            return 1;
        }
        Console.Out.WriteLine($"Created {role} {email} (staff id {result.Value.StaffId}).");
        if (!fromStdin) Console.Out.WriteLine($"One-time password (shown only now): {password}");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Usage(string line)
    {
        Console.Error.WriteLine(line);
        return 2;
    }
}
