//! Upkeep: purging what expired (PostgreSQL's autovacuum reclaims the space).

use deadpool_postgres::Client;

use crate::storage::{INVITE_GRACE_MS, PENDING_TTL_MS, StorageError, to_i64};

/// Deletes expired nonces, invites past their grace and stale pending joins.
pub(super) async fn purge_expired(client: &mut Client, now: u64) -> Result<u64, StorageError> {
    let now = to_i64(now)?;
    let tx = client.transaction().await?;
    let mut purged = tx
        .execute("DELETE FROM nonces WHERE expires_at < $1", &[&now])
        .await?;
    purged += tx
        .execute(
            "DELETE FROM invites WHERE expires_at < $1",
            &[&(now - INVITE_GRACE_MS)],
        )
        .await?;
    purged += tx
        .execute(
            "DELETE FROM pending_joins WHERE created_at < $1",
            &[&(now - PENDING_TTL_MS)],
        )
        .await?;
    tx.commit().await?;
    Ok(purged)
}
