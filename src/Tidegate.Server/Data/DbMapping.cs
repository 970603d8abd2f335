using System.Data;
using Dapper;
using Tidegate.Domain.Common;

namespace Tidegate.Server.Data;

/// <summary>
/// How dates and instants are stored on both engines: a <see cref="DateOnly"/> as yyyy-MM-dd text and
/// a <see cref="DateTimeOffset"/> as UTC unix milliseconds (BIGINT), so rows and parameters carry the
/// .NET types and no caller formats by hand. Dapper maps both types to DbType.Date/DateTimeOffset by
/// itself, and that map is consulted before type handlers when parameters are bound, so the map
/// entries are removed first; Npgsql would otherwise send a <c>date</c> or <c>timestamptz</c> into our
/// TEXT and BIGINT columns. Columns match properties by name with underscores (visit_date is VisitDate). DbMappingTests checks parameters and reads on both engines.
/// </summary>
public static class DbMapping
{
    private static int _registered;

    /// <summary>Sets Dapper up once per process (Db's static constructor calls it).</summary>
    public static void Configure()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        foreach (var type in new[] { typeof(DateOnly), typeof(DateOnly?), typeof(DateTimeOffset), typeof(DateTimeOffset?) })
            SqlMapper.RemoveTypeMap(type);
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new InstantHandler());
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = IsoDate.Text(value);
        }

        public override DateOnly Parse(object value) => IsoDate.Parse((string)value);
    }

    private sealed class InstantHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.Int64;
            parameter.Value = value.ToUnixTimeMilliseconds();
        }

        public override DateTimeOffset Parse(object value) => DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value));
    }
}
