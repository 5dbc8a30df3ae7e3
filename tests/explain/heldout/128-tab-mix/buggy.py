def shout(word):
    loud = word.upper()
	return loud + "!"

print(shout("hi"))
