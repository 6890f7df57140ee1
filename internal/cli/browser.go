package cli

import (
	"context"
	"os/exec"
	"runtime"
)

// openBrowser opens url in the computer's default browser, with the
// command each system has for it. It does not wait for the browser.
func openBrowser(ctx context.Context, url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.CommandContext(ctx, "rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.CommandContext(ctx, "open", url)
	default:
		cmd = exec.CommandContext(ctx, "xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	// The opener ends at once, having handed the address to the
	// browser; waiting for it releases its process.
	go cmd.Wait()
	return nil
}
