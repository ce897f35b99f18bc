using System.Net;
using System.Net.Mail;

namespace CrmBridge.Alerts.Channels;

/// <summary>Email through SMTP (System.Net.Mail): subject = headline, plain-text body with the facts.</summary>
internal sealed class EmailChannel(EmailChannelOptions options) : IAlertChannel
{
    public string Name => "Email";

    public async Task SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        using var message = Message(alert, options);
        using var client = new SmtpClient(options.Host, options.Port) { EnableSsl = options.EnableSsl };
        if (!string.IsNullOrEmpty(options.UserName))
        {
            client.Credentials = new NetworkCredential(options.UserName, options.Password);
        }

        try
        {
            await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpException ex)
        {
            throw new AlertDeliveryException($"Alert channel Email: {options.Host}:{options.Port} refused the message ({ex.StatusCode}); check Alerts:Email:Host, :Port, :EnableSsl and the credentials.", ex);
        }
    }

    /// <summary>The message.</summary>
    public static MailMessage Message(Alert alert, EmailChannelOptions options)
    {
        var message = new MailMessage { From = new MailAddress(options.From), Subject = "CrmBridge " + alert.Headline, Body = AlertText.Plain(alert), IsBodyHtml = false, BodyEncoding = System.Text.Encoding.UTF8, SubjectEncoding = System.Text.Encoding.UTF8 };
        foreach (var to in (options.To ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            message.To.Add(to);
        }

        return message;
    }
}
