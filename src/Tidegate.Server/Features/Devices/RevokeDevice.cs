using System.Security.Claims;
using Dapper;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Devices;

/// <summary>
/// DELETE /api/v1/admin/gate-devices/{deviceId} (admin, operator): 204, and from then on the device's
/// token is refused with 401 here at once and on every other instance at its next revision poll.
/// Revoking a revoked device is 204 again; an unknown one is 404.
/// </summary>
public sealed class RevokeDevice(Db db, DeviceRegistry registry, AuditLog audit, TimeProvider clock)
{
    public static async Task<IResult> Handle(string deviceId, ClaimsPrincipal user, RevokeDevice useCase, CancellationToken ct) =>
        await useCase.ExecuteAsync(deviceId, AuditActor.Of(user), ct) ? TypedResults.NoContent() : Problems.NotFound("No device has this id.");

    /// <summary>False when no device has this id. The revocation and its audit entry commit together; revoking again writes neither.</summary>
    public async Task<bool> ExecuteAsync(string deviceId, AuditActor by, CancellationToken ct)
    {
        var (found, revision) = await db.WriteAsync(async (connection, tx) =>
        {
            if (await connection.ExecuteAsync(DeviceSql.Revoke, new { Id = deviceId, Now = clock.GetUtcNow() }, tx) == 0)
                return (await connection.ExecuteScalarAsync<long>(DeviceSql.Exists, new { Id = deviceId }, tx) > 0, (long?)null);
            await audit.AppendAsync(connection, tx, by.Did("device.revoked", deviceId));
            return (true, await connection.ExecuteScalarAsync<long>(DeviceSql.BumpRevision, transaction: tx));
        }, ct);
        if (revision is { } r) await registry.RefreshAsync(r, ct);
        return found;
    }
}
