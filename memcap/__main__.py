from memcap.cli import run

run()
