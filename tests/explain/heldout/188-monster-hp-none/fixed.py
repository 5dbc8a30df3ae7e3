def damage(hp, hit):
    new_hp = hp - hit
    print("Ouch!")
    return new_hp

hp = 20
hp = damage(hp, 5)
print("HP now", hp - 1)
