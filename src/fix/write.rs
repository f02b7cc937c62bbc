//! Writing a fixed file without ever losing data.
//!
//! The new text goes to a temporary file in the same directory, is flushed to
//! disk, gets the original's permissions and is renamed over the original —
//! an atomic replacement on the same file system. Just before the rename the
//! file on disk is compared with what was read (length, modification time and
//! content); if someone changed it meanwhile, nothing is written. Symbolic
//! links are followed, so the link stays a link and its target is replaced.
//! When anything fails, the temporary file is removed and the original is
//! left as it was.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A file as it was read.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    len: u64,
    modified: Option<SystemTime>,
}

/// Why a file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file changed on disk since it was read.
    Changed,
    Io(io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed => {
                write!(f, "the file changed on disk since it was read; not written")
            }
            WriteError::Io(e) => write!(
                f,
                "cannot write the fixed file ({e}); the original is unchanged"
            ),
        }
    }
}

impl std::error::Error for WriteError {}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> WriteError {
        WriteError::Io(e)
    }
}

/// Read a file, refusing files over `limit` bytes.
pub fn read(path: &Path, limit: u64) -> io::Result<Snapshot> {
    let mut file = File::open(path)?;
    let meta = file.metadata()?;
    if meta.len() > limit {
        return Err(io::Error::other(format!(
            "file is {} bytes, over the {limit}-byte limit (set CALQUE_MAX_FILE_SIZE to raise it)",
            meta.len()
        )));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes)?;
    Ok(Snapshot {
        path: path.to_path_buf(),
        bytes,
        len: meta.len(),
        modified: meta.modified().ok(),
    })
}

impl Snapshot {
    /// Is the file on disk still what was read?
    pub fn is_current(&self, real: &Path) -> io::Result<bool> {
        let meta = std::fs::metadata(real)?;
        if meta.len() != self.len || meta.modified().ok() != self.modified {
            return Ok(false);
        }
        Ok(std::fs::read(real)? == self.bytes)
    }

    /// Replace the file with `new`, unless it changed since it was read.
    pub fn write(&self, new: &[u8]) -> Result<(), WriteError> {
        let real = std::fs::canonicalize(&self.path)?;
        let dir = real.parent().unwrap_or(Path::new("."));
        let perms = std::fs::metadata(&real)?.permissions();
        let mut tmp = tempfile::Builder::new()
            .prefix(".calque-fix-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        tmp.write_all(new)?;
        tmp.as_file().sync_all()?;
        tmp.as_file().set_permissions(perms)?;
        // Check and rename under a lock, so that another calque fixing the
        // same file cannot rename between our check and our rename.
        let lock = lock(&real)?;
        test_hooks(&real)?;
        if !self.is_current(&real)? {
            return Err(WriteError::Changed);
        }
        tmp.persist(&real).map_err(|e| WriteError::Io(e.error))?;
        drop(lock);
        // Make the rename itself durable where the platform allows it.
        #[cfg(unix)]
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// An advisory lock (`flock`) on the file about to be replaced, held from
/// the last check to the rename. A second calque blocks until the first has
/// renamed, then sees that the file changed and leaves it alone. Where locks
/// are not supported the write goes on without one.
struct Lock(#[allow(dead_code)] File);

fn lock(real: &Path) -> io::Result<Lock> {
    let file = File::open(real)?;
    #[cfg(unix)]
    {
        use std::os::unix::io::AsRawFd;
        extern "C" {
            fn flock(fd: i32, operation: i32) -> i32;
        }
        const LOCK_EX: i32 = 2;
        loop {
            // SAFETY: `flock` on a descriptor we own; the lock goes with it.
            if unsafe { flock(file.as_raw_fd(), LOCK_EX) } == 0 {
                break;
            }
            if io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
                break;
            }
        }
    }
    Ok(Lock(file))
}

/// Test hooks, compiled into debug builds only (the CLI tests use them to
/// reach states a test cannot set up otherwise, e.g. a failing disk when
/// running as root):
/// - `CALQUE_TEST_FAIL_WRITE=NAME`: writing a file named NAME fails after the
///   temporary file was written, as a full disk would;
/// - `CALQUE_TEST_PAUSE_BEFORE_WRITE=MS`: announce on stderr and wait before
///   the final check and rename, so a test can change the file meanwhile.
#[allow(unused_variables)]
fn test_hooks(real: &Path) -> io::Result<()> {
    #[cfg(debug_assertions)]
    {
        let name = real.file_name().map(|n| n.to_string_lossy().into_owned());
        if let (Some(fail), Some(name)) = (std::env::var_os("CALQUE_TEST_FAIL_WRITE"), &name) {
            if fail.to_string_lossy() == *name {
                return Err(io::Error::other(
                    "injected write failure (CALQUE_TEST_FAIL_WRITE)",
                ));
            }
        }
        if let Some(ms) = std::env::var("CALQUE_TEST_PAUSE_BEFORE_WRITE")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
        {
            eprintln!("calque: test pause before writing {}", real.display());
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_refuses_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "one").unwrap();
        let snap = read(&p, 1 << 20).unwrap();
        snap.write(b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "two");

        let snap = read(&p, 1 << 20).unwrap();
        std::fs::write(&p, "three").unwrap();
        assert!(matches!(snap.write(b"four"), Err(WriteError::Changed)));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "three");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "one").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&p, &link).unwrap();
        let snap = read(&link, 1 << 20).unwrap();
        snap.write(b"two").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "two");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
