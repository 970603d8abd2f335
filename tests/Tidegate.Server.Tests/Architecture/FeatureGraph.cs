using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;

namespace Tidegate.Server.Tests.Architecture;

/// <summary>
/// Which feature (<c>Tidegate.Server.Features.&lt;Name&gt;</c>, sub-namespaces collapsed) uses which, read
/// from the compiled server: signatures (base types, interfaces, fields, properties, methods,
/// constructors, generic arguments) and the IL of every method body (calls, object creation, field
/// access, tokens, casts). Razor pages count for the folder they live in.
/// </summary>
public sealed class FeatureGraph
{
    private const string Prefix = "Tidegate.Server.Features.";
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>Edge from → to, with one example of the using type and the used type.</summary>
    public Dictionary<(string From, string To), string> Edges { get; } = new();

    public static FeatureGraph Of(Assembly assembly)
    {
        var graph = new FeatureGraph();
        foreach (var type in assembly.GetTypes())
        {
            if (FeatureOf(type) is not { } from) continue;
            foreach (var used in UsedTypes(type))
                if (FeatureOf(used) is { } to && to != from) graph.Edges.TryAdd((from, to), $"{type.FullName} uses {used.FullName}");
        }
        return graph;
    }

    public Dictionary<string, HashSet<string>> Adjacency()
    {
        var adjacency = new Dictionary<string, HashSet<string>>();
        foreach (var (from, to) in Edges.Keys)
        {
            adjacency.TryAdd(to, []);
            (adjacency.TryGetValue(from, out var set) ? set : adjacency[from] = []).Add(to);
        }
        return adjacency;
    }

    /// <summary>The feature a type belongs to, or null outside Features. Razor's generated page classes are named after their path.</summary>
    public static string? FeatureOf(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        if (type.Namespace is { } ns && ns.StartsWith(Prefix, StringComparison.Ordinal))
            return ns[Prefix.Length..].Split('.')[0];
        // Features/_ViewImports.cshtml and _ViewStart.cshtml sit above every feature: "Features__ViewImports" has no feature.
        if (type.Namespace == "AspNetCoreGeneratedDocument" && type.Name.StartsWith("Features_", StringComparison.Ordinal))
            return type.Name["Features_".Length..].Split('_')[0] is { Length: > 0 } folder ? folder : null;
        return null;
    }

    /// <summary>The first cycle found, as "A -> B -> A", or null when the graph has none.</summary>
    public static string? FindCycle(IReadOnlyDictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(); // 1 on the path, 2 done
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
            if (Visit(start) is { } cycle) return cycle;
        return null;

        string? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2) return null;
            if (state.GetValueOrDefault(node) == 1)
                return string.Join(" -> ", path.Skip(path.IndexOf(node)).Append(node));
            state[node] = 1;
            path.Add(node);
            foreach (var next in (graph.GetValueOrDefault(node) ?? []).Order(StringComparer.Ordinal))
                if (Visit(next) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    public static IEnumerable<Type> UsedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null) return;
            if (t.HasElementType) { Add(t.GetElementType()); return; }
            if (t.IsGenericParameter || !found.Add(t)) return;
            if (t.IsGenericType) foreach (var argument in t.GetGenericArguments()) Add(argument);
        }
        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        foreach (var f in type.GetFields(all)) Add(f.FieldType);
        foreach (var p in type.GetProperties(all)) Add(p.PropertyType);
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info) Add(info.ReturnType);
            foreach (var parameter in method.GetParameters()) Add(parameter.ParameterType);
            foreach (var used in TypesInBody(method)) Add(used);
        }
        return found;
    }

    /// <summary>The types a method body names through its metadata tokens (call, newobj, ldfld/ldsfld, ldtoken, castclass, …).</summary>
    private static IEnumerable<Type> TypesInBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var typeArgs = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[i + 1])] : OpCodesByValue[il[i]];
            i += code.Size;
            var operand = code.OperandType;
            if (operand is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                MemberInfo? member = null;
                try { member = method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs); }
                catch (ArgumentException) { }
                if (member is Type t) yield return t;
                else if (member is not null)
                {
                    if (member.DeclaringType is { } declaring) yield return declaring;
                    if (member is MethodInfo m) { yield return m.ReturnType; foreach (var g in m.IsGenericMethod ? m.GetGenericArguments() : []) yield return g; }
                    if (member is FieldInfo f) yield return f.FieldType;
                }
            }
            i += operand switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
    }

    /// <summary>
    /// Uses of a <c>*Sql</c> class in another feature's source. The SQL classes hold constants, which
    /// the compiler copies into the caller, so the source is read for them rather than the IL.
    /// </summary>
    public static IEnumerable<string> ForeignSqlUses(string featuresFolder)
    {
        var owners = new Dictionary<string, string>();
        var files = Directory.EnumerateFiles(featuresFolder, "*.cs", SearchOption.AllDirectories).ToList();
        foreach (var file in files)
            foreach (Match m in Regex.Matches(File.ReadAllText(file), @"\bclass\s+(\w+Sql)\b"))
                owners[m.Groups[1].Value] = FeatureOfFile(featuresFolder, file);
        foreach (var file in files)
        {
            var feature = FeatureOfFile(featuresFolder, file);
            var lines = File.ReadAllLines(file);
            for (var n = 0; n < lines.Length; n++)
                foreach (Match m in Regex.Matches(lines[n], @"\b(\w+Sql)\."))
                    if (owners.TryGetValue(m.Groups[1].Value, out var owner) && owner != feature)
                        yield return $"{Path.GetRelativePath(featuresFolder, file)}:{n + 1} ({feature}) uses {m.Groups[1].Value} of {owner}";
        }
    }

    private static string FeatureOfFile(string featuresFolder, string file) =>
        Path.GetRelativePath(featuresFolder, file).Split(Path.DirectorySeparatorChar)[0];
}
