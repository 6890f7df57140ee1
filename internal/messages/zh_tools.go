package messages

// zhTools is the Chinese of what guide's commands say: see zh.go.
var zhTools = map[string]string{
	"warning: %s": "提醒：%s",
}
