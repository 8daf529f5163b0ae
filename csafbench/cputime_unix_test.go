//go:build unix

package csafbench_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time this process has used, in user and system
// mode, on every thread: the time a benchmark costs the machine, whatever
// else runs on it.
func cpuTime() (time.Duration, bool) {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0, false
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano()), true
}
