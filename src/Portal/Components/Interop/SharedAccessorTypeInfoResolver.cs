using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Portal.Components.Interop;

/// <summary>
/// JSON contracts for JS interop whose member accessors are built once per process instead of once per circuit.
/// <para>
/// Blazor gives every circuit's <c>JSRuntime</c> its own <see cref="JsonSerializerOptions"/> (its converters capture the
/// runtime), so System.Text.Json builds the contract of every interop payload again for each circuit. The reflection
/// resolver emits a <c>DynamicMethod</c> per constructor, getter and setter and JIT-compiles it; its cache of those
/// methods lets go of them after a second without use, so an idle portal emits them again for every new circuit and each
/// circuit keeps its own copies alive (28 methods and 94 contracts per idle catalog circuit, for MudBlazor's key
/// interceptor, viewport and theme payloads among others; see the circuits benchmark in docs/portal.md).
/// </para>
/// <para>
/// This resolver stands in for the circuit's reflection resolver. It asks a process-wide reflection resolver for a
/// template of each type once, then gives the circuit's options a contract of its own (contracts belong to one options
/// instance) that reuses the template's delegates. A type it cannot copy faithfully (constructor parameters,
/// polymorphism, extension data, ignore conditions other than always/when-null, a converter of the circuit's own) goes
/// to <paramref name="fallback"/>, Blazor's own resolver, with its cost.
/// </para>
/// <para>
/// Serializing an <c>object</c> (every interop argument is one) makes System.Text.Json look for a polymorphic ancestor
/// among the runtime type's base types and interfaces, building a contract for each: thirty for an <c>int</c>
/// (<c>INumber&lt;int&gt;</c>, <c>IComparable</c>…). The runtime's own interfaces, other than collections, declare no
/// polymorphism and are never interop payloads, so they get no contract (the lookup accepts none).
/// </para>
/// </summary>
public sealed class SharedAccessorTypeInfoResolver(IJsonTypeInfoResolver fallback) : IJsonTypeInfoResolver
{
    private static readonly DefaultJsonTypeInfoResolver Templates = new();
    private static readonly ConcurrentDictionary<Type, JsonTypeInfo?> ByType = new();

    // The templates' options: only what shapes member names and the set of members matters to a copy, and Blazor's
    // interop options name members in camelCase.
    private static readonly JsonSerializerOptions TemplateOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The resolver this one stands in for.</summary>
    public IJsonTypeInfoResolver Fallback => fallback;

    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
    {
        if (IsRuntimeNonCollectionAncestor(type))
        {
            return null;
        }

        return SharedCopy(type, options) ?? fallback.GetTypeInfo(type, options);
    }

    /// <summary>An interface of the runtime itself that is not a collection, or <c>ValueType</c>/<c>Enum</c>.</summary>
    public static bool IsRuntimeNonCollectionAncestor(Type type) =>
        type == typeof(ValueType) || type == typeof(Enum)
        || (type.IsInterface && type.Assembly == typeof(object).Assembly && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
            && !(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)));

    private static JsonTypeInfo? SharedCopy(Type type, JsonSerializerOptions options)
    {
        if (options.PropertyNamingPolicy != JsonNamingPolicy.CamelCase || options.DefaultIgnoreCondition != JsonIgnoreCondition.Never || options.IgnoreReadOnlyProperties || options.IgnoreReadOnlyFields
            || options.IncludeFields)
        {
            return null;
        }

        var template = ByType.GetOrAdd(type, Template);
        if (template is null)
        {
            return null;
        }

        JsonTypeInfo copy;
        try
        {
            copy = JsonTypeInfo.CreateJsonTypeInfo(type, options);
        }
        catch (Exception exception) when (exception is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return null;
        }

        // A converter of the circuit's own (element and object references, byte arrays) changes the kind: not ours.
        if (copy.Kind != template.Kind)
        {
            return null;
        }

        copy.NumberHandling = template.NumberHandling;
        if (template.Kind == JsonTypeInfoKind.None)
        {
            // Numbers, enums and other structs: the reflection resolver emits a constructor for each and keeps it.
            return copy;
        }

        if (template.CreateObject is { } create)
        {
            copy.CreateObject = create;
        }

        if (template.Kind != JsonTypeInfoKind.Object)
        {
            return copy;
        }

        copy.UnmappedMemberHandling = template.UnmappedMemberHandling;
        copy.PreferredPropertyObjectCreationHandling = template.PreferredPropertyObjectCreationHandling;
        copy.OnSerializing = template.OnSerializing;
        copy.OnSerialized = template.OnSerialized;
        copy.OnDeserializing = template.OnDeserializing;
        copy.OnDeserialized = template.OnDeserialized;
        foreach (var member in template.Properties)
        {
            if (IgnoreCondition(member) == JsonIgnoreCondition.Always)
            {
                continue;
            }

            var property = copy.CreateJsonPropertyInfo(member.PropertyType, member.Name);
            property.Get = member.Get;
            property.Set = member.Set;
            property.AttributeProvider = member.AttributeProvider;
            property.CustomConverter = member.CustomConverter;
            property.IsRequired = member.IsRequired;
            property.NumberHandling = member.NumberHandling;
            property.ObjectCreationHandling = member.ObjectCreationHandling;
            property.Order = member.Order;
            property.IsGetNullable = member.IsGetNullable;
            property.IsSetNullable = member.IsSetNullable;
            if (IgnoreCondition(member) == JsonIgnoreCondition.WhenWritingNull)
            {
                property.ShouldSerialize = static (_, value) => value is not null;
            }

            copy.Properties.Add(property);
        }

        return copy;
    }

    /// <summary>The process-wide template of <paramref name="type"/>, or null when a copy would not behave the same.</summary>
    private static JsonTypeInfo? Template(Type type)
    {
        JsonTypeInfo template;
        try
        {
            template = Templates.GetTypeInfo(type, TemplateOptions);
        }
        catch (Exception exception) when (exception is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return null;
        }

        // Reference types a converter handles whole (strings, nodes, object) emit nothing: leave them as they are.
        if (template.PolymorphismOptions is not null || (template.Kind == JsonTypeInfoKind.None && !type.IsValueType))
        {
            return null;
        }

        if (template.Kind == JsonTypeInfoKind.Object)
        {
            // A parameterized constructor's binding to members is not public API: leave such types to Blazor's resolver.
            if (template.CreateObject is null && !type.IsAbstract && !type.IsInterface)
            {
                return null;
            }

            foreach (var member in template.Properties)
            {
                if (member.IsExtensionData || IgnoreCondition(member) is not (null or JsonIgnoreCondition.Never or JsonIgnoreCondition.Always or JsonIgnoreCondition.WhenWritingNull))
                {
                    return null;
                }
            }
        }

        return template;
    }

    private static JsonIgnoreCondition? IgnoreCondition(JsonPropertyInfo member) =>
        (member.AttributeProvider as MemberInfo)?.GetCustomAttribute<JsonIgnoreAttribute>(inherit: false)?.Condition;
}
