package io.milvus.operator.sandbox;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one sandbox run and the API server certificate it signs, as a cluster has: clients
 * trust the CA through the kubeconfig, and verify the server's name (127.0.0.1, localhost) against the certificate.
 * Nothing is written to disk but the CA certificate, inside the kubeconfig; the keys die with the process.
 *
 * @param caCertificatePem the CA's certificate, PEM: what the kubeconfig's certificate-authority-data carries
 * @param serverCertificatePem the API server's certificate, PEM, signed by the CA
 * @param serverKeyPem the API server's private key, PEM (PKCS#8)
 */
public record SandboxCa(String caCertificatePem, String serverCertificatePem, String serverKeyPem) {

  /** Long enough for any sandbox session; a real cluster's serving certificates last a year. */
  private static final Duration VALIDITY = Duration.ofDays(7);
  /** Clocks of the client and the server are the same machine's, but a minute of slack costs nothing. */
  private static final Duration BACKDATE = Duration.ofMinutes(1);

  /** Makes a new CA and server certificate, valid from {@code now}. */
  public static SandboxCa create(Instant now) {
    try {
      KeyPair caKeys = ecKeyPair();
      KeyPair serverKeys = ecKeyPair();
      X500Name caName = new X500Name("CN=milvus-operator-sandbox-ca");
      X509Certificate ca = sign(new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(BACKDATE)),
          Date.from(now.plus(VALIDITY)), caName, caKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
          caKeys.getPrivate());
      X509Certificate server = sign(new JcaX509v3CertificateBuilder(caName, serial(),
          Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), new X500Name("CN=kube-apiserver"),
          serverKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")})),
          caKeys.getPrivate());
      return new SandboxCa(pem("CERTIFICATE", ca.getEncoded()), pem("CERTIFICATE", server.getEncoded()),
          pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot make the sandbox's certificate authority: " + e.getMessage(), e);
    }
  }

  private static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
