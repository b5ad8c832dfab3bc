using RolloutPlaybook.Core.PlanFiles;
using Xunit;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    /// <summary>The two double-quoted spellings PlanWriter gives strings: YAML scalars and JSON literals.</summary>
    public class QuotedStringTests
    {
        private const string Awkward = "a\"b\\c\nd\re\tf\u0001g\u007Fh\u0085i\u2028j\u2029k\uFEFFl é";

        [Fact]
        public void YamlEscapesDelNelAndTheBomWithCapitalHex()
            => Assert.Equal("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u007Fh\\u0085i\\u2028j\\u2029k\\uFEFFl é\"", PlanWriter.Quote(Awkward));

        [Fact]
        public void JsonEscapesControlCharactersAndLineSeparatorsOnly()
            => Assert.Equal("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\u007Fh\u0085i\\u2028j\\u2029k\uFEFFl é\"", PlanWriter.JsonString(Awkward));
    }
}
