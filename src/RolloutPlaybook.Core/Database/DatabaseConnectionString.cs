using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Errors;

namespace RolloutPlaybook.Core.Database
{
    /// <summary>
    /// A connection string as users hold it (SPEC §10): the <c>postgresql://user:pass@host:port/db?sslmode=require</c>
    /// URL Supabase shows, or the <c>Host=…;Username=…;Password=…</c> key-value form. The URL is turned into the
    /// key-value form the driver reads. The password is kept only to redact it from every message; nothing here is
    /// ever written anywhere.
    /// </summary>
    public sealed class DatabaseConnectionString
    {
        private DatabaseConnectionString(string keyValue, IReadOnlyList<string> secrets) { KeyValue = keyValue; Secrets = secrets; }

        /// <summary>The key-value form (Host=…;Port=…;Database=…).</summary>
        public string KeyValue { get; }

        /// <summary>Values that must never appear in a message (the password, the whole text).</summary>
        public IReadOnlyList<string> Secrets { get; }

        /// <summary>libpq URL query parameters and the key-value names they become.</summary>
        private static readonly Dictionary<string, string> UrlParameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = "Host", ["hostaddr"] = "Host", ["port"] = "Port", ["dbname"] = "Database", ["user"] = "Username",
            ["password"] = "Password", ["sslmode"] = "SSL Mode", ["connect_timeout"] = "Timeout",
            ["application_name"] = "Application Name", ["options"] = "Options", ["target_session_attrs"] = "Target Session Attributes",
            ["sslrootcert"] = "Root Certificate", ["sslcert"] = "SSL Certificate", ["sslkey"] = "SSL Key", ["sslpassword"] = "SSL Password",
            ["keepalives_idle"] = "Keepalive", ["gssencmode"] = "GSS Encryption Mode", ["channel_binding"] = "Channel Binding",
        };

        public static DatabaseConnectionString Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
                throw Invalid("the connection string is empty", Array.Empty<string>());
            text = text.Trim();
            if (text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
                return FromUrl(text);
            if (text.IndexOf("://", StringComparison.Ordinal) >= 0)
                throw Invalid("a URL must start with postgresql:// or postgres://", new[] { text });
            if (text.IndexOf('=') < 0)
                throw Invalid("expected the URL form postgresql://user:password@host:port/database or the key-value form Host=...;Username=...;Password=...", new[] { text });
            var secrets = new List<string> { text };
            foreach (Match m in Regex.Matches(text, @"(?:^|;)\s*(?:password|pwd|ssl\s*password)\s*=\s*(""(?:[^""]|"""")*""|'(?:[^']|'')*'|[^;]*)", RegexOptions.IgnoreCase))
            {
                var value = m.Groups[1].Value.Trim();
                if (value.Length > 1 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0])
                    value = value.Substring(1, value.Length - 2).Replace(new string(value[0], 2), value[0].ToString());
                if (value.Length > 0) secrets.Add(value);
            }
            return new DatabaseConnectionString(text, secrets);
        }

        private static DatabaseConnectionString FromUrl(string url)
        {
            var secrets = new List<string> { url };
            int schemeEnd = url.IndexOf("://", StringComparison.Ordinal) + 3;
            var rest = url.Substring(schemeEnd);
            // user:pass@host: a password holding an unencoded '/', '?' or '#' ends the host part early, and what follows
            // would be read as host, port, database or parameters (and echoed in a message). As libpq, the user info ends
            // before the first '/' or '?'; an '@' after that is refused without quoting any of the text.
            int hostEnd = rest.IndexOfAny(new[] { '/', '?' });
            if (hostEnd >= 0 && rest.IndexOf('@', 0, hostEnd) < 0 && rest.IndexOf('@', hostEnd) >= 0)
            {
                // Whatever precedes the last '@' may be a password: never part of a message.
                secrets.Add(rest.Substring(0, rest.LastIndexOf('@')));
                throw Invalid("its user info holds a '/' or '?' before the '@' (the URL's text is not shown, as it may hold the password): " +
                    "percent-encode them in the password (/ as %2F, ? as %3F, # as %23, @ as %40), or use the key-value form (Host, Username, Password keys)", secrets);
            }
            string? query = null;
            int q = rest.IndexOf('?');
            if (q >= 0) { query = rest.Substring(q + 1); rest = rest.Substring(0, q); }
            int slash = rest.IndexOf('/');
            string authority = slash >= 0 ? rest.Substring(0, slash) : rest;
            string database = slash >= 0 ? Decode(rest.Substring(slash + 1), secrets) : "";
            var pairs = new List<KeyValuePair<string, string>>();
            // The password may hold '@' when it was not percent-encoded: the last '@' ends the user info.
            int at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                var userInfo = authority.Substring(0, at);
                authority = authority.Substring(at + 1);
                int colon = userInfo.IndexOf(':');
                var user = Decode(colon >= 0 ? userInfo.Substring(0, colon) : userInfo, secrets);
                if (colon >= 0)
                {
                    var raw = userInfo.Substring(colon + 1);
                    secrets.Add(raw);
                    var password = Decode(raw, secrets);
                    secrets.Add(password);
                    pairs.Add(new KeyValuePair<string, string>("Password", password));
                }
                if (user.Length > 0) pairs.Insert(0, new KeyValuePair<string, string>("Username", user));
            }
            // One host: Host and Port; several (libpq's host1:port1,host2:port2): the driver's Host=h1:p1,h2:p2.
            var hosts = new List<KeyValuePair<string, string>>();
            foreach (var part in authority.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string host = part, hostPort = "";
                if (part.StartsWith("[", StringComparison.Ordinal))
                {
                    int close = part.IndexOf(']');
                    if (close < 0) throw Invalid("an IPv6 host in brackets is not closed", secrets);
                    host = part.Substring(1, close - 1);
                    if (close + 1 < part.Length && part[close + 1] == ':') hostPort = part.Substring(close + 2);
                }
                else
                {
                    int colon = part.LastIndexOf(':');
                    if (colon >= 0) { host = part.Substring(0, colon); hostPort = part.Substring(colon + 1); }
                }
                host = Decode(host, secrets);
                if (hostPort.Length > 0 && (!int.TryParse(hostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p < 1 || p > 65535))
                    throw Invalid("the port '" + hostPort + "' is not a number from 1 to 65535", secrets);
                if (host.Length > 0) hosts.Add(new KeyValuePair<string, string>(host, hostPort));
            }
            if (hosts.Count == 1)
            {
                pairs.Add(new KeyValuePair<string, string>("Host", hosts[0].Key));
                if (hosts[0].Value.Length > 0) pairs.Add(new KeyValuePair<string, string>("Port", hosts[0].Value));
            }
            else if (hosts.Count > 1)
                pairs.Add(new KeyValuePair<string, string>("Host", string.Join(",", hosts.Select(h => h.Value.Length > 0 ? h.Key + ":" + h.Value : h.Key))));
            if (database.Length > 0) pairs.Add(new KeyValuePair<string, string>("Database", database));
            if (query != null)
            {
                foreach (var item in query.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    int eq = item.IndexOf('=');
                    var name = Decode(eq >= 0 ? item.Substring(0, eq) : item, secrets);
                    var value = eq >= 0 ? Decode(item.Substring(eq + 1), secrets) : "";
                    if (!UrlParameters.TryGetValue(name, out var key))
                        throw Invalid("the URL parameter '" + name + "' is not one the gate understands (" + string.Join(", ", UrlParameters.Keys.OrderBy(k => k, StringComparer.Ordinal)) + ")", secrets);
                    if (key == "Password" || key == "SSL Password") secrets.Add(value);
                    if (key == "SSL Mode") value = SslMode(value, secrets);
                    pairs.RemoveAll(p => p.Key == key);
                    pairs.Add(new KeyValuePair<string, string>(key, value));
                }
            }
            if (!pairs.Any(p => p.Key == "Host"))
                throw Invalid("the URL names no host (postgresql://user:password@host:port/database)", secrets);
            return new DatabaseConnectionString(string.Join(";", pairs.Select(p => p.Key + "=" + Quote(p.Value))), secrets);
        }

        /// <summary>libpq's sslmode values, in the driver's spelling.</summary>
        private static string SslMode(string value, IReadOnlyList<string> secrets)
        {
            switch (value.ToLowerInvariant())
            {
                case "disable": return "Disable";
                case "allow": return "Allow";
                case "prefer": return "Prefer";
                case "require": return "Require";
                case "verify-ca": return "VerifyCA";
                case "verify-full": return "VerifyFull";
                default: throw Invalid("sslmode '" + value + "' is not one of disable, allow, prefer, require, verify-ca, verify-full", secrets);
            }
        }

        private static string Decode(string text, List<string> secrets)
        {
            try { return Uri.UnescapeDataString(text); }
            catch (UriFormatException) { throw Invalid("the URL has a malformed %-escape", secrets); }
        }

        /// <summary>A key-value value, quoted when it holds a separator or a quote.</summary>
        private static string Quote(string value)
            => value.IndexOfAny(new[] { ';', '=', '"', '\'', ' ' }) < 0 && value.Length > 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

        private static RolloutException Invalid(string why, IReadOnlyList<string> secrets)
            => new RolloutException(ErrorIds.DatabaseConnectionStringInvalid,
                "The database connection string is not valid: " + Redact(why, secrets) + ".", null);

        /// <summary>
        /// Takes secrets out of a message: the known values (password, the connection string) and anything shaped like
        /// <c>password=…</c> or the password part of a URL. Very short values are left to the shapes, so that a
        /// one-letter password does not turn every message into stars.
        /// </summary>
        public static string Redact(string message, IEnumerable<string>? secrets)
        {
            if (string.IsNullOrEmpty(message)) return message ?? "";
            var text = message;
            if (secrets != null)
                foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s) && s.Length >= 4).OrderByDescending(s => s.Length))
                    text = text.Replace(secret, "***");
            text = Regex.Replace(text, @"((?:password|pwd)\s*=\s*)(""(?:[^""]|"""")*""|'(?:[^']|'')*'|[^;\s]*)", "$1***", RegexOptions.IgnoreCase);
            text = Regex.Replace(text, @"(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@", "$1***@", RegexOptions.IgnoreCase);
            return text;
        }

        /// <summary>Redacts with this connection string's secrets.</summary>
        public string Redact(string message) => Redact(message, Secrets);

        public override string ToString() => "<connection string>";
    }
}
