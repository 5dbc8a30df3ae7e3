for score in [8, 10, 12]:
    if score >= 10:
        print(score, "gets a bonus")
    else:
        print(score, "no bonus")
