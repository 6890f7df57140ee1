package messages

// zhContent is the Chinese of what guide says about the content: see
// zh.go.
var zhContent = map[string]string{}
