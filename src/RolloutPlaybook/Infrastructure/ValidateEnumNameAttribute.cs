using System;
using System.Linq;
using System.Management.Automation;

namespace RolloutPlaybook.Infrastructure
{
    /// <summary>
    /// <c>ValidateSet</c> whose values are the names of an enumeration (case-insensitive), so the accepted values are
    /// said once, by the enumeration (<c>-Category</c>: <see cref="Model.RuleCategory"/>).
    /// </summary>
    public sealed class ValidateEnumNameAttribute : ValidateEnumeratedArgumentsAttribute
    {
        private readonly string[] names;

        public ValidateEnumNameAttribute(Type enumType) => names = Enum.GetNames(enumType);

        protected override void ValidateElement(object element)
        {
            var value = element is PSObject pso ? pso.BaseObject : element;
            var text = value as string ?? value?.ToString() ?? "";
            if (names.Any(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase))) return;
            throw new ValidationMetadataException("'" + text + "' is not one of " + string.Join(", ", names) + ".");
        }
    }
}
