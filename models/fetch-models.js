console.log("models: placeholder")
