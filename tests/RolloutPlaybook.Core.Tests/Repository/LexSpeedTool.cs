using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Repository;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>Throughput of the lexer and the handler reader on a fixture route; runs only when RP_LEX_SPEED is set.</summary>
    public class LexSpeedTool
    {
        [Fact]
        public void Measure()
        {
            var target = Environment.GetEnvironmentVariable("RP_LEX_SPEED");
            if (string.IsNullOrEmpty(target)) return;
            var text = File.ReadAllText(Path.Combine(TestPaths.Fixtures, "app-repo/src/app/api/slack/mappings/staff/route.ts"));
            var auth = new Regex(RouteScanOptions.DefaultAuthGuardPattern, RegexOptions.Compiled);
            var valid = new Regex(RouteScanOptions.DefaultValidationPattern, RegexOptions.Compiled);
            var sb = new StringBuilder();
            for (int round = 0; round < 4; round++)
            {
                var w = Stopwatch.StartNew();
                for (int i = 0; i < 2000; i++) ScriptSource.Parse(text);
                double lex = w.Elapsed.TotalMilliseconds;
                var src = ScriptSource.Parse(text);
                w.Restart();
                for (int i = 0; i < 2000; i++) new RouteHandlerReader(src, auth, valid).Read();
                double read = w.Elapsed.TotalMilliseconds;
                w.Restart();
                for (int i = 0; i < 2000; i++) Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
                double utf = w.Elapsed.TotalMilliseconds;
                var code = src.Code;
                string Time(string name, Regex r) { var t = Stopwatch.StartNew(); for (int i = 0; i < 2000; i++) r.Matches(code).Count.ToString(); return $"{name} {t.Elapsed.TotalMilliseconds:0.0}; "; }
                sb.Append(Time("exportFn", new Regex(@"export[ \t\r\n]+(?:async[ \t\r\n]+)?function[ \t\r\n]*\*?[ \t\r\n]*(GET|POST|PUT|PATCH|DELETE)(?![\w$])")));
                sb.Append(Time("auth", auth));
                sb.Append(Time("authTimeout", new Regex(RouteScanOptions.DefaultAuthGuardPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))));
                sb.Append(Time("valid", valid));
                sb.Append(Time("bodyRead", new Regex(@"\.[ \t\r\n]*(json|formData|text)[ \t\r\n]*\([ \t\r\n]*\)")));
                sb.Append(Time("constLit", new Regex(@"(?:const|let|var)[ \t\r\n]+([A-Za-z_$][\w$]*)[ \t\r\n]*(?::[ \t\r\n]*[\w$.]+[ \t\r\n]*)?=[ \t\r\n]*(?=['""`])")));
                sb.Append(Time("envDot", new Regex(@"process[ \t\r\n]*\.[ \t\r\n]*env[ \t\r\n]*(?:\?\.|\.)[ \t\r\n]*([A-Za-z_$][\w$]*)")));
                sb.AppendLine();
                sb.AppendLine($"2000 x {text.Length} chars: lex {lex:0.0} ms ({2000.0 * text.Length / lex / 1000:0} MB/s), handlers {read:0.0} ms, utf8 roundtrip {utf:0.0} ms");
            }
            File.WriteAllText(target, sb.ToString());
        }
    }
}
