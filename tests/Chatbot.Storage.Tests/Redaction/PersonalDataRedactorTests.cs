using Chatbot.Storage.Redaction;

namespace Chatbot.Storage.Tests.Redaction;

public sealed class PersonalDataRedactorTests
{
    private readonly PersonalDataRedactor _redactor = new();

    [Theory]
    [InlineData("mail me at jane.doe@example.com please", "mail me at [email] please")]
    [InlineData("JANE_DOE+tickets@Mail.Example.co.uk.", "[email].")]
    [InlineData("<o'brien@example.ie>, k.lee@sub.example.org", "<[email]>, [email]")]
    [InlineData("jörg.müller@beispiel.de schrieb", "[email] schrieb")]
    [InlineData("mailto:sales-team@example.com", "mailto:[email]")]
    [InlineData("first a@b.io then c_d@e-f.example", "first [email] then [email]")]
    public void EmailAddresses_AreReplaced(string text, string expected) => Assert.Equal(expected, _redactor.Redact(text));

    [Theory]
    [InlineData("call +44 20 7946 0958 today", "call [phone] today")]
    [InlineData("(555) 123-4567", "[phone]")]
    [InlineData("my line: 555-123-4567.", "my line: [phone].")]
    [InlineData("Berlin office +49 30 123456", "Berlin office [phone]")]
    [InlineData("555.123.4567 or 555 123 4567", "[phone] or [phone]")]
    [InlineData("+1 (555) 123-4567", "[phone]")]
    [InlineData("+1-555-123-4567", "[phone]")]
    [InlineData("1-800-555-0199 (toll free)", "[phone] (toll free)")]
    [InlineData("+33 1 23 45 67 89", "[phone]")]
    [InlineData("+91 98765 43210", "[phone]")]
    [InlineData("+44 (0)20 7946 0958", "[phone]")]
    [InlineData("WhatsApp: +4915112345678", "WhatsApp: [phone]")]
    [InlineData("tel:+4930123456", "tel:[phone]")]
    [InlineData("020 7946 0958", "[phone]")]
    [InlineData("ring 07700 900123 after six", "ring [phone] after six")]
    [InlineData("01 23 45 67 89", "[phone]")]
    [InlineData("01.23.45.67.89", "[phone]")]
    [InlineData("(030) 123456", "[phone]")]
    [InlineData("030/1234567", "[phone]")]
    [InlineData("0044 20 7946 0958", "[phone]")]
    [InlineData("call me at 5551234567", "call me at [phone]")]
    [InlineData("Phone: 555 1234", "Phone: [phone]")]
    [InlineData("my number is 0612345678", "my number is [phone]")]
    [InlineData("mobile no. 98765 43210", "mobile no. [phone]")]
    [InlineData("reach me on 555-1234 tonight", "reach me on [phone] tonight")]
    public void PhoneNumbers_AreReplaced(string text, string expected) => Assert.Equal(expected, _redactor.Redact(text));

    [Theory]
    [InlineData("It costs €1,299.00 or $1,299.99 (1.299,00 € in Germany).")]
    [InlineData("Order #100234 was shipped; order 1002345678 is pending.")]
    [InlineData("Delivery on 2026-12-06, 06/12/2026, 12.06.2026 or 2026/12/06.")]
    [InlineData("Released in 1999, updated 2019-2023, see 2026-12-06T10:30:00Z.")]
    [InlineData("Version 1.2.3, v2.10.4, SDK 10.0.100 and 4.22.3.")]
    [InlineData("Between 10:30 and 11:45, 10 000 users and 1 000 000 requests.")]
    [InlineData("Request 3f2504e0-4f89-11d3-9a0c-0305e82c3301 from 192.168.100.200")]
    [InlineData("ISBN 978-3-16-148410-0, card 4111 1111 1111 1111")]
    [InlineData("See https://example.com/orders/555-123-4567?ref=+4930123456 and www.example.com/0207946095")]
    [InlineData("Trained on 1,000,000,000 tokens; growth +100000000 in 2024; +2.5% per year.")]
    [InlineData("GPT-4 has 8192 tokens of context; Llama 3.1 405B; 128000 tokens.")]
    [InlineData("@mentions, @scope/package, Microsoft.Bot.Builder@4.23.1 and user@localhost")]
    [InlineData("call the function 3 times, text 2023 results, phone 2 of 3")]
    [InlineData("call me on 06.12.2026 or phone on 2026-12-06")]
    [InlineData("Room 0.12, pages 100-200, ratio 16:9, score 98.6")]
    [InlineData("Postcode 10115 Berlin, SW1A 1AA London, 75008 Paris")]
    public void OtherNumbersAndAddresses_AreLeftAsWritten(string text) => Assert.Equal(text, _redactor.Redact(text));

    [Fact]
    public void AMessageMixingBoth_KeepsEverythingElse()
    {
        var text = "Order #100234 (€1,299.00, 2026-12-06): contact ana@example.org or +49 30 123456, ref v2.1.";

        Assert.Equal("Order #100234 (€1,299.00, 2026-12-06): contact [email] or [phone], ref v2.1.", _redactor.Redact(text));
    }

    [Fact]
    public void Disabled_GivesTextBackAsWritten()
    {
        var redactor = new PersonalDataRedactor(enabled: false);

        Assert.Equal("ana@example.org, 555-123-4567", redactor.Redact("ana@example.org, 555-123-4567"));
        Assert.False(redactor.Enabled);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no digits or at-signs here")]
    public void TextWithoutPersonalData_IsReturnedUnchanged(string? text) => Assert.Equal(text, _redactor.Redact(text));
}
