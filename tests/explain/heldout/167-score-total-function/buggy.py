def total_score(scores):
    result = 0
    for s in scores:
        result = result + s
    return reslut

print("Total:", total_score([4, 5, 6]))
