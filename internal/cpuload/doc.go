// Package cpuload measures how busy the machine's CPUs are: the fraction of
// all CPU time, over a short window, that was not idle. On Linux it reads the
// aggregate "cpu" line of /proc/stat twice; elsewhere it returns an error
// that wraps errors.ErrUnsupported.
package cpuload
