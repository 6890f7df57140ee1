package cli

import (
	"os"
	"runtime/pprof"

	"guide/internal/messages"
)

// ProfileEnv names the environment variable that makes guide build and
// guide check write a CPU profile of the run to the file it names, for go
// tool pprof (docs/performance.md). It is for developers, so it is no
// flag that every editor sees in the help.
const ProfileEnv = "GUIDE_CPUPROFILE"

// startProfile starts the CPU profile that ProfileEnv asks for, if any,
// and returns the function that stops it.
func startProfile() (stop func(), err error) {
	name := os.Getenv(ProfileEnv)
	if name == "" {
		return func() {}, nil
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, messages.Errorf("%s: %v", ProfileEnv, err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, messages.Errorf("%s: %v", ProfileEnv, err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
