// Package watch tells guide serve which source files changed.
//
// A Watcher watches folders below a root (content/, layouts/ and static/)
// and every folder inside them, including folders created later, with
// fsnotify. Where file events do not arrive, as on network drives, in WSL or
// in container mounts, it looks at the files at a fixed interval instead
// (Options.Poll); it falls back to that by itself when the system's limit of
// watched folders is reached.
//
// Changes are delivered in batches. A batch is sent once the folders have
// been quiet for a moment (Options.Quiet, 10 ms), so that the events of one
// save (an editor writing a temporary file and renaming it over the page)
// make one batch; in a burst of events, such as a git checkout of hundreds
// of files, the quiet time grows with the events, so that the burst makes
// one or two batches. Changes that arrive while a batch is being handled are
// gathered into the next one. A batch names paths, not events: the receiver
// looks at the disk for what is there now, which is what an atomic save or a
// rename needs anyway.
//
// Editors' temporary, swap and backup files (IsTempFile) and hidden
// files never make a batch.
package watch
