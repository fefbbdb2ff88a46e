/** The contract validator itself: it accepts what fits and names the path of everything that does not. */
import { describeWithContract, errorBodyMisfits, requestMisfits, responseMisfits } from '../support/contract';

const paths = (misfits: Array<{ path: string }>): string[] => misfits.map((match) => match.path);

const producingItem = {
	JobId: 'j1',
	ProjectId: 'p1',
	MediaId: 'm1',
	MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4',
	Status: 'Success',
	Duration: 30.5,
	CreateTime: '2026-01-10T08:00:00Z',
};

describeWithContract('contract validator: responses', () => {
	it('accepts a response that fits', () => {
		expect(
			responseMisfits('ListMediaProducingJobs', {
				RequestId: 'r',
				MediaProducingJobList: [producingItem],
				MaxResults: '10',
				NextToken: 'a+b/c=',
			}),
		).toEqual([]);
	});

	it('flags JobType in a ListMediaProducingJobs item (closed object)', () => {
		const misfits = responseMisfits('ListMediaProducingJobs', {
			RequestId: 'r',
			MediaProducingJobList: [{ ...producingItem, JobType: 'EditingJob' }],
		});
		expect(paths(misfits)).toEqual(['ListMediaProducingJobs:response:MediaProducingJobList[].JobType']);
	});

	it('flags OutputUrl in a ListPackageJobs item and a Processing package state', () => {
		const misfits = responseMisfits('ListPackageJobs', {
			RequestId: 'r',
			PackageJobList: { PackageJobs: [{ JobId: 'j', Status: 'Processing', OutputUrl: 'http://x/y.m3u8' }] },
		});
		expect(paths(misfits).sort()).toEqual([
			'ListPackageJobs:response:PackageJobList.PackageJobs[].OutputUrl',
			'ListPackageJobs:response:PackageJobList.PackageJobs[].Status',
		]);
	});

	it('flags MaxResults as a number, a wrong enum and a wrong type', () => {
		expect(paths(responseMisfits('ListMediaProducingJobs', { MaxResults: 10 }))).toEqual([
			'ListMediaProducingJobs:response:MaxResults',
		]);
		expect(paths(responseMisfits('GetPackageJob', { PackageJob: { TriggerSource: 'Cron', Priority: '6' } }))).toEqual([
			'GetPackageJob:response:PackageJob.TriggerSource',
			'GetPackageJob:response:PackageJob.Priority',
		]);
		expect(paths(responseMisfits('GetPackageJob', { PackageJob: { Priority: 11 } }))).toEqual([
			'GetPackageJob:response:PackageJob.Priority',
		]);
	});

	it('flags VodMediaId in GetLiveEditingJob and Width in its MediaProduceConfig', () => {
		const misfits = responseMisfits('GetLiveEditingJob', {
			LiveEditingJob: { JobId: 'j', VodMediaId: 'v', MediaProduceConfig: { Mode: 'Accurate', Width: 1280 } },
		});
		expect(paths(misfits)).toEqual([
			'GetLiveEditingJob:response:LiveEditingJob.VodMediaId',
			'GetLiveEditingJob:response:LiveEditingJob.MediaProduceConfig.Width',
		]);
	});

	it('parses json-strings: ActivityResults with ErrorCode on the activity, a bad Result and a bad status', () => {
		const activityResults = JSON.stringify({
			Transcode: { ActivityId: 'Transcode', Status: 'Success', ErrorCode: 'X', Result: '{not json' },
		});
		const misfits = responseMisfits('GetJobDetail', {
			WorkflowTaskDetail: { Status: 'Skip', ActivityResults: activityResults, TaskInput: 'Media' },
		});
		const at = 'GetJobDetail:response:WorkflowTaskDetail';
		expect(paths(misfits)).toEqual([
			`${at}.ActivityResults<json>{}.Status`,
			`${at}.ActivityResults<json>{}.ErrorCode`,
			`${at}.ActivityResults<json>{}.Result`,
			`${at}.TaskInput`,
		]);
	});

	it('flags undocumented extras in open objects, accepts the documented ones', () => {
		const result = (messageBody: object) =>
			JSON.stringify({ Act: { Status: 'Failed', Result: JSON.stringify({ MessageBody: messageBody }) } });
		const body = (messageBody: object) => ({ WorkflowTaskDetail: { ActivityResults: result(messageBody) } });
		expect(responseMisfits('GetJobDetail', body({ ErrorCode: 'E', ErrorMessage: 'm' }))).toEqual([]);
		expect(paths(responseMisfits('GetJobDetail', body({ Reason: 'r' })))).toEqual([
			'GetJobDetail:response:WorkflowTaskDetail.ActivityResults<json>{}.Result<json>.MessageBody.Reason',
		]);
		expect(responseMisfits('GetJobDetail', body({ ErrorCode: 'E' }), {})).toHaveLength(1);
	});

	it('checks error bodies against the documented error shape', () => {
		const ok = { RequestId: 'r', HostId: 'h', Code: 'InvalidParameter', Message: 'm', Recommend: 'u' };
		expect(errorBodyMisfits('GetPackageJob', ok)).toEqual([]);
		expect(paths(errorBodyMisfits('GetPackageJob', { ...ok, Recommend: undefined, Extra: 1 }))).toEqual([
			'GetPackageJob:error:Extra',
			'GetPackageJob:error:Recommend',
		]);
	});
});

describeWithContract('contract validator: requests', () => {
	const inputs = JSON.stringify([{ Input: { Type: 'OSS', Media: 'oss://b/in.mp4' } }]);
	const output = JSON.stringify({ Type: 'OSS', Media: 'oss://b/out.m3u8' });

	it('accepts a request that fits', () => {
		expect(requestMisfits('SubmitPackageJob', { query: { Inputs: inputs, Output: output } })).toEqual([]);
	});

	it('flags bare {Type, Media} Inputs items (closed request model)', () => {
		const bare = JSON.stringify([{ Type: 'OSS', Media: 'oss://b/in.mp4' }]);
		expect(paths(requestMisfits('SubmitPackageJob', { query: { Inputs: bare, Output: output } })).sort()).toEqual([
			'SubmitPackageJob:request:Inputs<json>[].Input',
			'SubmitPackageJob:request:Inputs<json>[].Media',
			'SubmitPackageJob:request:Inputs<json>[].Type',
		]);
	});

	it('flags Width in SubmitLiveEditingJob MediaProduceConfig and a wrong Mode', () => {
		const clips = JSON.stringify([{ StartTime: '2026-01-10T08:00:00Z', EndTime: '2026-01-10T08:01:00Z' }]);
		const misfits = requestMisfits('SubmitLiveEditingJob', {
			query: { Clips: clips, MediaProduceConfig: JSON.stringify({ Mode: 'Fast', Width: 1280 }) },
		});
		expect(paths(misfits)).toEqual([
			'SubmitLiveEditingJob:request:MediaProduceConfig<json>.Mode',
			'SubmitLiveEditingJob:request:MediaProduceConfig<json>.Width',
		]);
	});

	it('flags location, unknown names, missing required, enums, integers, limits and the time window', () => {
		const misfits = requestMisfits('ListMediaProducingJobs', {
			query: {
				JobType: 'PackageJob',
				MaxResults: '101',
				Status: 'Queuing',
				StartTime: '2026-01-01T00:00:00Z',
				EndTime: '2026-02-01T00:00:00Z',
				Color: 'red',
			},
		});
		expect(paths(misfits).sort()).toEqual(
			['JobType', 'MaxResults', 'Status', 'EndTime', 'Color']
				.map((name) => `ListMediaProducingJobs:request:${name}`)
				.sort(),
		);
		expect(paths(requestMisfits('ListPackageJobs', { query: { PageSize: 'ten' } }))).toEqual([
			'ListPackageJobs:request:PageSize',
		]);
		expect(paths(requestMisfits('SubmitMediaProducingJob', { query: { Timeline: '{}' } })).sort()).toEqual([
			'SubmitMediaProducingJob:request:OutputMediaConfig',
			'SubmitMediaProducingJob:request:Timeline',
		]);
		expect(
			paths(
				requestMisfits('SubmitMediaProducingJob', {
					query: {
						OutputMediaConfig: '{}',
						UserData: JSON.stringify({ a: 'x'.repeat(600) }),
						ClientToken: 't'.repeat(65),
					},
				}),
			).sort(),
		).toEqual(['SubmitMediaProducingJob:request:ClientToken', 'SubmitMediaProducingJob:request:UserData']);
		expect(paths(requestMisfits('GetJobDetail', { query: { JobId: 'j' } }))).toEqual(['GetJobDetail:request:JobType']);
	});
});
