package scratch

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"sync"
)

// EnvToken is the environment variable that carries a run's token into
// every process the run starts.
const EnvToken = "BENCHRIG_RUN"

// Token returns this process's run token, 32 random hex digits, setting it
// in the process's environment (EnvToken) on first use, so every child
// started afterwards inherits it.
func Token() string { return token() }

var token = sync.OnceValue(func() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	t := hex.EncodeToString(b)
	os.Setenv(EnvToken, t)
	return t
})

// TokenEnv returns "BENCHRIG_RUN=<token>", for a child whose environment is
// built from scratch.
func TokenEnv() string { return EnvToken + "=" + Token() }
