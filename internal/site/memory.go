package site

import (
	"bytes"
	"sync"
)

// Memory is an Output that keeps the files of a build in memory: the
// development server serves them from there, and tests read them.
type Memory struct {
	mu sync.Mutex
	// Files are the files written, by output path. Read it only once the
	// build is done.
	Files map[string][]byte
}

// WriteFile implements Output. It copies data, which the pipeline reuses.
func (m *Memory) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Files == nil {
		m.Files = map[string][]byte{}
	}
	m.Files[name] = bytes.Clone(data)
	return nil
}
