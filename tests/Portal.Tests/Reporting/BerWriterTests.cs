using Portal.Reporting.Snmp;

namespace Portal.Tests.Reporting;

public class BerWriterTests
{
    [Theory]
    [InlineData(0, "020100")]
    [InlineData(127, "02017F")]
    [InlineData(128, "02020080")]
    [InlineData(256, "02020100")]
    [InlineData(-1, "0201FF")]
    [InlineData(-128, "020180")]
    [InlineData(-129, "0202FF7F")]
    [InlineData(int.MaxValue, "02047FFFFFFF")]
    public void Integer_IsMinimalTwosComplement(long value, string hex) =>
        Assert.Equal(hex, Convert.ToHexString(BerWriter.Integer(value)));

    [Theory]
    [InlineData(0u, "430100")]
    [InlineData(200u, "430200C8")]
    [InlineData(uint.MaxValue, "430500FFFFFFFF")]
    public void TimeTicks_StayPositive(uint value, string hex) =>
        Assert.Equal(hex, Convert.ToHexString(BerWriter.Unsigned32(BerWriter.TimeTicksTag, value)));

    [Theory]
    [InlineData(0, "00")]
    [InlineData(127, "7F")]
    [InlineData(128, "8180")]
    [InlineData(255, "81FF")]
    [InlineData(300, "82012C")]
    [InlineData(70_000, "83011170")]
    public void Length_UsesShortFormBelow128AndLongFormAbove(int length, string hex) =>
        Assert.Equal(hex, Convert.ToHexString(BerWriter.Length(length)));

    [Theory]
    [InlineData("1.3.6.1.2.1.1.3.0", "06082B06010201010300")]
    [InlineData("1.3.6.1.4.1.32473.1", "06092B0601040181FD5901")]
    [InlineData("2.999.3", "0603883703")]
    [InlineData("1.3.6.1.4.1.4294967295", "060A2B060104018FFFFFFF7F")]
    public void ObjectIdentifier_IsBase128WithTheFirstTwoArcsCombined(string oid, string hex) =>
        Assert.Equal(hex, Convert.ToHexString(BerWriter.ObjectIdentifier(ObjectIdentifier.Parse(oid))));

    [Fact]
    public void OctetString_IsUtf8WithALongLengthWhenNeeded()
    {
        var encoded = BerWriter.OctetString(new string('é', 100));

        Assert.Equal("0481C8", Convert.ToHexString(encoded[..3]));
        Assert.Equal(203, encoded.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("3.1")]
    [InlineData("1.40")]
    [InlineData("1.3.x")]
    [InlineData("1.3.6.1.4.1.4294967296")]
    public void ObjectIdentifier_RefusesWhatIsNotOne(string text)
    {
        Assert.False(ObjectIdentifier.TryParse(text, out _, out var problem));
        Assert.Contains("not an object identifier", problem);
    }
}
