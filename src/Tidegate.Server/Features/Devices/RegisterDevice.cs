using System.Security.Claims;
using System.Security.Cryptography;
using Dapper;
using QRCoder;
using Tidegate.Domain.Common;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Devices;

/// <summary>
/// POST /api/v1/admin/gate-devices {name, lane?, kind?} (admin, operator): registers a gate or shop
/// device and answers 201 {deviceId, token, qrSvg}. The token (a random secret) is shown only here,
/// as text and as a QR the gate page reads with its camera; the database keeps its keyed hash.
/// </summary>
public sealed class RegisterDevice(Db db, DeviceRegistry registry, AuditLog audit, TimeProvider clock)
{
    public sealed record Request(string? Name, string? Lane, string? Kind);

    public sealed record Response(string DeviceId, string Token, string Name, string? Lane, string Kind, string QrSvg);

    public static async Task<IResult> Handle(Body<Request> body, ClaimsPrincipal user, RegisterDevice useCase, CancellationToken ct)
    {
        var result = await useCase.ExecuteAsync(body.Value, AuditActor.Of(user), ct);
        return result.IsOk ? TypedResults.Created($"/api/v1/admin/gate-devices/{result.Value.DeviceId}", result.Value) : Problems.From(result.Error);
    }

    /// <summary>Registers the device and writes its audit entry (by <paramref name="by"/>) in one transaction.</summary>
    public async Task<Result<Response>> ExecuteAsync(Request request, AuditActor by, CancellationToken ct)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100) return Invalid("name", "'name' must be 1 to 100 characters.");
        var lane = string.IsNullOrWhiteSpace(request.Lane) ? null : request.Lane.Trim();
        if (lane is { Length: > 100 }) return Invalid("lane", "'lane' must be at most 100 characters.");
        var kind = request.Kind ?? "gate";
        if (kind is not ("gate" or "shop")) return Invalid("kind", "'kind' must be 'gate' or 'shop'.");

        var id = Guid.CreateVersion7().ToString();
        var token = IDeviceTokens.Prefix + Tokens.Base64Url(RandomNumberGenerator.GetBytes(32));
        var revision = await db.WriteAsync(async (connection, tx) =>
        {
            await connection.ExecuteAsync(DeviceSql.Insert, new
            {
                Id = id, Name = name, Lane = lane, Kind = kind, TokenHash = registry.HashOf(token), CreatedBy = by.Id, CreatedAt = clock.GetUtcNow(),
            }, tx);
            await audit.AppendAsync(connection, tx, by.Did("device.registered", id, $"kind={kind} lane={lane ?? "-"} name={name}"));
            return await connection.ExecuteScalarAsync<long>(DeviceSql.BumpRevision, transaction: tx);
        }, ct);
        await registry.RefreshAsync(revision, ct); // usable on this instance at once
        return new Response(id, token, name, lane, kind, QrSvg(token));
    }

    /// <summary>The token as a QR (just the token's text: the gate page's camera pairing reads a value starting "tgd1.").</summary>
    public static string QrSvg(string token)
    {
        using var data = QRCodeGenerator.GenerateQrCode(token, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }

    private static Error Invalid(string field, string detail) => new Error(ErrorCodes.InvalidRequest, detail).With("field", field);
}
