//! Request nonces: each device's unexpired ones, in the database (shared by every
//! relay process).

use deadpool_postgres::Client;
use ponte_proto::{DeviceId, Nonce};

use crate::storage::{StorageError, to_i64};

/// Records a request nonce; `false` if the device used it and it has not expired.
pub(super) async fn remember_nonce(
    client: &Client,
    device: DeviceId,
    nonce: Nonce,
    expires_at: u64,
    now: u64,
) -> Result<bool, StorageError> {
    let stmt = client
        .prepare_cached(
            "INSERT INTO nonces (device_id, nonce, expires_at) VALUES ($1, $2, $3)
             ON CONFLICT (device_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at
             WHERE nonces.expires_at < $4",
        )
        .await?;
    let changed = client
        .execute(
            &stmt,
            &[
                &&device.0[..],
                &&nonce.0[..],
                &to_i64(expires_at)?,
                &to_i64(now)?,
            ],
        )
        .await?;
    Ok(changed == 1)
}
