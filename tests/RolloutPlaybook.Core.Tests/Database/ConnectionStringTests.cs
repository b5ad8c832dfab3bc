using RolloutPlaybook.Core.Database;
using RolloutPlaybook.Core.Errors;

namespace RolloutPlaybook.Core.Tests.Database
{
    /// <summary>Both connection-string forms of SPEC §10, and that the password never reaches a message.</summary>
    public class ConnectionStringTests
    {
        [Fact]
        public void SupabaseUrlBecomesKeyValueWithDecodedPassword()
        {
            var parsed = DatabaseConnectionString.Parse("postgresql://postgres.abcd:p%40ss%3Bw0rd@aws-0-eu-west-1.pooler.supabase.com:6543/postgres?sslmode=require");
            Assert.Equal("Username=postgres.abcd;Password=\"p@ss;w0rd\";Host=aws-0-eu-west-1.pooler.supabase.com;Port=6543;Database=postgres;SSL Mode=Require", parsed.KeyValue);
            Assert.Contains("p@ss;w0rd", parsed.Secrets);
            Assert.Equal("<connection string>", parsed.ToString());
        }

        [Fact]
        public void UrlWithoutPasswordPortOrDatabaseAndWithSocketHostParameter()
        {
            Assert.Equal("Username=reader;Host=db.example.com", DatabaseConnectionString.Parse("postgres://reader@db.example.com").KeyValue);
            Assert.Equal("Username=reader;Database=app;Host=/tmp/sock", DatabaseConnectionString.Parse("postgresql://reader@localhost/app?host=/tmp/sock").KeyValue);
            Assert.Equal("Host=h1:5432,h2:5433;Database=app", DatabaseConnectionString.Parse("postgresql://h1:5432,h2:5433/app").KeyValue);
            Assert.Equal("Host=::1;Port=5432", DatabaseConnectionString.Parse("postgresql://[::1]:5432").KeyValue);
        }

        [Fact]
        public void KeyValueFormPassesThroughAndItsPasswordIsASecret()
        {
            var parsed = DatabaseConnectionString.Parse("Host=db;Username=reader;Password='it''s-secret';Database=app");
            Assert.Equal("Host=db;Username=reader;Password='it''s-secret';Database=app", parsed.KeyValue);
            Assert.Contains("it's-secret", parsed.Secrets);
            Assert.Equal("failed: *** and ***", parsed.Redact("failed: it's-secret and Host=db;Username=reader;Password='it''s-secret';Database=app"));
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("mysql://u:hunter22@h/db", "postgresql://")]
        [InlineData("just-some-words-hunter22", "key-value form")]
        [InlineData("postgresql://u:hunter22@h:99999/db", "port '99999'")]
        [InlineData("postgresql://u:hunter22@h/db?sslmode=sometimes", "sslmode 'sometimes'")]
        [InlineData("postgresql://u:hunter22@h/db?pgbouncer=true", "URL parameter 'pgbouncer'")]
        [InlineData("postgresql://u:hunter22@/db", "names no host")]
        public void BadConnectionStringIsOneClearErrorWithoutThePassword(string text, string expected)
        {
            var ex = Assert.Throws<RolloutException>(() => DatabaseConnectionString.Parse(text));
            Assert.Equal("DatabaseConnectionStringInvalid", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.InvalidArgument, ex.Kind);
            Assert.Contains(expected, ex.Message);
            Assert.DoesNotContain("hunter22", ex.Message);
        }

        [Theory]
        [InlineData("Host=db;Password=hunter22;Username=x", "Host=db;Password=***;Username=x")]
        [InlineData("see postgresql://user:hunter22@db:5432/app now", "see postgresql://user:***@db:5432/app now")]
        [InlineData("PWD = 'abc' ; x", "PWD = *** ; x")]
        public void RedactionTakesOutPasswordShapesEvenWhenTheValueIsUnknown(string message, string expected)
            => Assert.Equal(expected, DatabaseConnectionString.Redact(message, null));

        [Theory]
        [InlineData("postgresql://postgres:Hunter2Secret/xyz@127.0.0.1:5432/db")]
        [InlineData("postgresql://postgres:Hunter2Secret?xyz@127.0.0.1:5432/db")]
        [InlineData("postgresql://postgres:ab/Hunter2Secret@127.0.0.1:5432/db?sslmode=disable")]
        [InlineData("postgres://postgres:x?Hunter2Secret=1/y@127.0.0.1/db")]
        public void AnUnencodedSlashOrQuestionMarkInThePasswordIsRefusedWithoutQuotingIt(string url)
        {
            var ex = Assert.Throws<RolloutException>(() => DatabaseConnectionString.Parse(url));
            Assert.Equal("DatabaseConnectionStringInvalid", ex.ErrorId);
            Assert.Contains("percent-encode them in the password (/ as %2F, ? as %3F", ex.Message);
            Assert.DoesNotContain("Hunter2Secret", ex.Message);
            Assert.DoesNotContain("xyz", ex.Message);
        }

        [Fact]
        public void AnEncodedSlashOrQuestionMarkInThePasswordIsRead()
        {
            var parsed = DatabaseConnectionString.Parse("postgresql://postgres:Hunter2Secret%2Fxy%3Fz@127.0.0.1:5432/db");
            Assert.Equal("Username=postgres;Password=Hunter2Secret/xy?z;Host=127.0.0.1;Port=5432;Database=db", parsed.KeyValue);
        }
    }
}
