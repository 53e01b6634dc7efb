//! TLS client settings shared by the connections that leave the desk (the PBX, the shared
//! database): the server is checked against a CA file, or the system's certificates.

use std::path::Path;
use std::sync::Arc;

use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;
use tokio_rustls::rustls;

/// Where Debian and most Linux systems keep the trusted certificates.
const SYSTEEM_CA: &str = "/etc/ssl/certs/ca-certificates.crt";

/// A rustls client config trusting the certificates in `ca` (PEM), or the system's when `None`.
pub fn client_config(ca: Option<&Path>) -> Result<rustls::ClientConfig, String> {
    let pad = ca.unwrap_or(Path::new(SYSTEEM_CA));
    let mut roots = rustls::RootCertStore::empty();
    let certs = CertificateDer::pem_file_iter(pad)
        .map_err(|e| format!("kan {} niet lezen: {e}", pad.display()))?;
    for c in certs {
        let c = c.map_err(|e| format!("{}: {e}", pad.display()))?;
        roots
            .add(c)
            .map_err(|e| format!("{}: {e}", pad.display()))?;
    }
    Ok(rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| e.to_string())?
    .with_root_certificates(roots)
    .with_no_client_auth())
}
